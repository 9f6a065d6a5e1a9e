/** Field limits of a public comment (characters). */
export const COMMENT_LIMITS = { name: 100, institution: 150, body: 4000 } as const;

/** A submitted comment form, cleaned, or the fields that are wrong. */
export type CommentForm =
  | {
      readonly ok: true;
      readonly name: string;
      readonly institution: string | undefined;
      readonly body: string;
    }
  | {
      readonly ok: false;
      readonly problems: readonly ('name' | 'institution' | 'body')[];
      readonly values: Record<string, string>;
    };

/** Control characters other than tab and newline are dropped; CRLF becomes LF. */
function clean(value: string | null): string {
  return (value ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .trim();
}

/**
 * Reads an `application/x-www-form-urlencoded` body: name (required), institution (optional),
 * comment (required), each within its limit. The text stays text: it is never interpreted as
 * markup here or when shown (pages escape everything they print).
 */
export function readCommentForm(body: Buffer): CommentForm {
  const form = new URLSearchParams(body.toString('utf8'));
  const values = {
    name: clean(form.get('name')),
    institution: clean(form.get('institution')),
    body: clean(form.get('comment')),
  };
  const problems: ('name' | 'institution' | 'body')[] = [];
  if (
    values.name === '' ||
    values.name.length > COMMENT_LIMITS.name ||
    values.name.includes('\n')
  ) {
    problems.push('name');
  }
  if (values.institution.length > COMMENT_LIMITS.institution || values.institution.includes('\n')) {
    problems.push('institution');
  }
  if (values.body === '' || values.body.length > COMMENT_LIMITS.body) {
    problems.push('body');
  }
  if (problems.length > 0) {
    return { ok: false, problems, values };
  }
  return {
    ok: true,
    name: values.name,
    institution: values.institution === '' ? undefined : values.institution,
    body: values.body,
  };
}
