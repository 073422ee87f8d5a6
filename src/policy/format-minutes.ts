// Owns saying a number of minutes the way a manager reads it: "42 min", "3 h 05 min".
export function formatMinutes(m: number | null): string {
  if (m === null) return 'n/a';
  if (m < 60) return `${Math.round(m)} min`;
  const whole = Math.round(m);
  return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, '0')} min`;
}
