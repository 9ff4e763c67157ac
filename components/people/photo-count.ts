/** "1 photo", "12 photos". */
export function photoCountLabel(count: number): string {
  return `${count} photo${count === 1 ? '' : 's'}`;
}
