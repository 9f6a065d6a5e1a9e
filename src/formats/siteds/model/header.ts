/**
 * The envelope fields every SITEDS transaction carries (ISA/GS/ST/BHT). All values are strings
 * as they travel, trimmed; absent values are omitted.
 */
export interface SitedsHeader {
  /** idRemitente, ISA-06 (also GS-02): sender; IPRESS code in a 270, IAFAS code in a 271. */
  readonly senderId?: string;
  /** idReceptor, ISA-08 (also GS-03): receiver. */
  readonly receiverId?: string;
  /** feTransaccion, GS-04: date `YYYYMMDD` (ISA-09 is its `YYMMDD`). */
  readonly transactionDate?: string;
  /** hoTransaccion, GS-05: time `HHMM` or `HHMMSS` (ISA-10 is its `HHMM`). */
  readonly transactionTime?: string;
  /** idCorrelativo, ISA-13 (= IEA-02): interchange control number, 9 digits. */
  readonly interchangeControlNumber?: string;
  /** nuControl, GS-06 (= GE-02): group control number. */
  readonly groupControlNumber?: string;
  /** nuControlST, ST-02 (= SE-02): transaction set control number. */
  readonly transactionControlNumber?: string;
  /** idTransaccion, ST-01: `270` or `271`. */
  readonly transactionSetId?: string;
  /** tiFinalidad, BHT-02: `13` request, `11` response. */
  readonly purpose?: string;
  /** ISA-15: `T` test, `P` production. */
  readonly usage?: string;
}
