// Owns which UTF-16 code units are white space as a regular expression's `\s` has it, without running one.

/** Whether the code unit is one `\s` matches (space, tab, line ends, no-break and the other Unicode spaces, BOM). */
export function isWhiteSpace(code: number): boolean {
  if (code === 0x20) return true;
  if (code > 0xfeff || (code > 0x0d && code < 0xa0)) return false;
  return (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
