# Builds the unpadded SITEDS golden vectors from segment lists (independent of the TS writer).
import sys
def seg(*els):
    els=list(els)
    while els and els[-1]=='': els.pop()
    return '*'.join(els)+'~'
def nm1(e01,e02='',e03='',e04='',e08='',e09='',e12=''):
    return seg('NM1',e01,e02,e03,e04,'','','',e08,e09,'','',e12)
def env(sender,receiver,gs01,st01,body,ctl='000000123',gctl='123',stctl='0001'):
    isa=seg('ISA','00','','00','','ZZ',sender,'ZZ',receiver,'210315','1030','|','00501',ctl,'0','P',':')
    segs=[seg('GS',gs01,sender,receiver,'20210315','1030',gctl,'X','00501'),seg('ST',st01,stctl)]+body
    n=len(body)+2
    return '\n'.join([isa]+segs+[seg('SE',str(n),stctl),seg('GE','1',gctl),seg('IEA','1',ctl)])+'\n'
IPRESS='00009845'; IAFAS='20006'; RUC='20123456789'
def req(prv, patient, extra):
    body=[seg('BHT','0022','13'),seg('HL','1','','20','1'),nm1('PR','2',e08='PI',e09=RUC),seg('PRV','OR','',prv),
          seg('HL','2','1','21','1'),nm1('1P','2',e08='FI',e09=IAFAS),seg('HL','3','2','22','0'),patient]+extra
    return env(IPRESS,IAFAS,'HS','270',body)
PAT=nm1('IL','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES')
out={}
out['270_CON_ASE.CC']=req('CC',PAT,[seg('REF','DD','1'),seg('REF','4A','10444192'),seg('REF','PRT','60','ONCOPLUS','ZZ:0060'),
  seg('REF','D7','1','COBERTURA AMBULATORIA','1:01:99999999.00'),seg('REF','D7','4','','ZZ:528'),seg('REF','8X','SITEDS01'),
  seg('REF','S2','001'),seg('REF','ZZ','1'),seg('REF','18','03','','ZZ:0000012345'),seg('REF','PRT','2'),seg('DTP','447','D8','20210301'),
  nm1('P5','1','SALDAÑA','KATHERINE',e12='SALDAÑA'),seg('REF','DD','6','','XX5:10444192001')])
out['270_CON_ASE.CN']=req('CN',nm1('IL','1','SALDAÑA','ROSALMIRA',e12='TORRES'),[seg('REF','DD','1'),seg('REF','4A','10444192')])
for t in ['CD','CO','CM','CP','RD']:
    out['270_CON_ASE.'+t]=req(t,PAT,[seg('REF','DD','1'),seg('REF','4A','10444192'),seg('REF','PRT','60','ONCOPLUS','ZZ:0060'),seg('REF','ZZ','1')])
out['270_CON_ASE.RS']=req('RS',PAT,[seg('REF','DD','1'),seg('REF','4A','10444192'),seg('REF','PRT','3'),seg('DTP','447','D8','20210301')][:2]+[seg('REF','PRT','70','SCTR SALUD','ZZ:0070'),seg('REF','PRT','3'),seg('DTP','447','D8','20210301'),nm1('P5','2','CONSTRUCTORA ANDINA SAC'),seg('REF','DD','6','','XX5:20512345678')])
def ans(gs01, body, sv='FI', hl3='0', extra_pr=None):
    b=[seg('BHT','0022','11'),seg('HL','1','','20','1'),nm1('PR','2',e08='PI',e09=IAFAS)]+(extra_pr or [])+[seg('HL','2','1','21','1'),
       nm1('1P','2',e08=sv,e09=RUC),seg('HL','3','2','22',hl3)]+body
    return env(IAFAS,IPRESS,gs01,'271',b,ctl='000000124',gctl='124',stctl='0002')
PAT3=nm1('3','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES')
out['271_CON_COD']=ans('HB',[PAT3,seg('REF','ACC','1'),seg('REF','DD','1','','4A:10444192'),seg('REF','EI','10444192'),
  seg('REF','CT','0001234','','AZ:POL-778:ID:CERT-01:TY:1'),seg('REF','PRT','60','ONCOPLUS'),seg('REF','18','03','','IMP:03:ZZ:1'),
  seg('REF','ZZ','1'),seg('REF','ZZ','0','','3B:0'),seg('DMG','D8','19740512','1','1'),seg('DTP','356','D8','20200101'),seg('DTP','357','D8','99991231'),
  nm1('P5','1','SALDAÑA','KATHERINE',e12='SALDAÑA'),seg('REF','DD','6','','XX5:20101039910'),
  nm1('C9','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES'),seg('REF','DD','1','','4A:10444192'),seg('DTP','382','D8','20150601'),
  seg('EB','1','','','','1','','99999999.00','100','01','1','','','ZZ:0060'),seg('REF','D7','4','','ZZ:528'),seg('MSG','SIN OBSERVACIONES'),seg('MSG','NINGUNA'),
  seg('EB','C','','','','1','','60','','01','1'),seg('EB','1','','','','','','','0.50'),seg('EB','N','','','','NO REQUIERE CARTA DE GARANTIA'),
  seg('DTP','327','D8','20200301'),seg('DTP','338','D8','20200601'),
  seg('EB','1','','','','2','','99999999.00','0.00','02','1','','','ZZ:0061'),seg('REF','D7','9','','ZZ:818'),seg('MSG','HOSPITALARIO'),seg('MSG','PREVIA EVALUACION'),
  seg('EB','C','','','','1','','0.00','','02','1'),seg('EB','1','','','','','','','0.00'),seg('EB','S','','','','REQUIERE CARTA DE GARANTIA'),
  seg('DTP','327','D8','20200301'),seg('DTP','338','D8','20200601')],
  extra_pr=[seg('REF','OL','USRIAFAS','','Y8:demo-not-a-secret'),seg('DTP','163','D8','20190820')])
def match(name, given, code, doc, prod, sctr):
    return [nm1('IL','1',name,given,'MI',code,'TORRES'),seg('REF','ACC','1'),seg('REF','DD','1','','4A:'+doc),seg('REF','CT','0001234'),
      seg('REF','PRT',prod,'ONCOPLUS','ZZ:'+sctr),seg('REF','ZZ','1'),seg('REF','18','03'),seg('DMG','D8','19740512','1','1'),
      nm1('P5','1','SALDAÑA','KATHERINE',e12='SALDAÑA'),seg('REF','DD','6','','XX5:10444192001')]
out['271_CON_NOM']=ans('HB',match('SALDAÑA','ROSALMIRA','10237716204687763','10444192','60','SCTR-001')+match('SALDAÑA','MARIA','10237716204687764','10444193','60','SCTR-002'))
out['271_CON_DTAD']=ans('HB',[nm1('IL','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES'),seg('N3','AV. JAVIER PRADO ESTE 1066','URB. CORPAC'),
  seg('N4','','','','','W','150131'),seg('PER','IC','ROSALMIRA SALDAÑA'),seg('PER','IP','','EM','rsaldana@example.pe','TE','014115000'),
  nm1('CA','1','QUISPE','ANA MARIA',e12='ROJAS')],sv='SV',hl3='1')
out['271_CON_OBS']=ans('HB',[nm1('IL','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES'),seg('EB','1','','','','528'),
  seg('MSG','AFILIADO AL DIA EN SUS PAGOS'),seg('MSG','PRESENTAR DNI EN ADMISION')],sv='SV',hl3='1')
out['271_CON_MED']=ans('HB',[nm1('IL','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES'),
  seg('EB','W','','E11','','','','','','','','','','ZZ:PRE'),seg('REF','82','','PREEXISTENCIA DECLARADA'),seg('MSG','DIABETES TIPO 2','LC','1'),
  seg('EB','1','','','','','','','5000.00'),seg('DTP','150','D8','20211231'),
  seg('EB','W','','I10','','','','','','','','','','ZZ:ESP'),seg('REF','82','','PERIODO DE ESPERA'),seg('MSG','HIPERTENSION','LC','2'),
  seg('EB','6','','','','','','','0.00'),seg('DTP','150','D8','20220630')],hl3='0',sv='SV')
out['271_CON_PROC']=ans('HI',[nm1('IL','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES'),
  seg('EB','1','','','','','','','','P001'),seg('EB','1','','','','','','','','R01'),
  seg('EB','PE','','80047','','','','150.00','0.20','5U','2','','','ZZ:F'),seg('HSD','9S','30'),seg('MSG','SOLO CON ORDEN MEDICA','LC','1'),
  seg('EB','TE','','01'),seg('REF','82','','ESPERA DE 6 MESES'),seg('DTP','327','D8','20210601'),seg('MSG','EN ESPERA','LC','2'),
  seg('EB','EC','','02'),seg('REF','82','','EXONERADO DE CARENCIA'),seg('MSG','EXONERACION POR CONTINUIDAD','LC','3')],sv='SV')
out['271_RES_DERIVA']=ans('HI',[nm1('IL','1','SALDAÑA','ROSALMIRA','MI','10237716204687763','TORRES'),seg('REF','DD','1','','4A:10444192'),
  seg('REF','ZZ','1'),seg('REF','DD','6','','XX5:20101039910'),seg('REF','BB','A-000123','DERIVACION A ONCOLOGIA'),seg('REF','PRT','60','ONCOPLUS'),
  seg('REF','D7','4','','ZZ:528'),seg('DTP','382','D8','20210320'),nm1('C9','2','CLINICA ONCOSALUD'),seg('REF','EI','00019049'),
  seg('REF','DD','6','','XX5:20101039910')],sv='SV')
out['271_RES_SCTR']=ans('HB',[nm1('IL','1','QUISPE','JUAN CARLOS','MI','20512345678000123','MAMANI'),seg('REF','DD','1','40123456','4A:40123456'),
  nm1('C9','2','CONSTRUCTORA ANDINA SAC'),seg('REF','EI','C-0001'),seg('REF','DD','6','','XX5:20512345678'),
  nm1('C9','2','CLINICA SAN PABLO'),seg('REF','EI','L-0002'),seg('REF','DD','6','','XX5:20100054184'),seg('REF','BB','00027320'),
  seg('REF','3H','CAIDA DE ALTURA'),seg('DTP','382','D8','20200115'),seg('DTP','382','D8','20210310')],sv='SV',hl3='1')
for k,v in out.items():
    open(k+'.x12','w').write(v)
print(len(out))
