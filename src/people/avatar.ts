import { createHash } from 'node:crypto';

/** A deterministic picture for a seed: initials-free coloured shapes, so no personal data leaks. */
export function avatarSvg(seed: string, size: number): string {
  const digest = createHash('sha256').update(seed).digest();
  const hue = (digest[0] * 360) / 256;
  const cells: string[] = [];
  for (let i = 0; i < 15; i++) {
    if (digest[1 + i] % 2 === 0) continue;
    const x = i % 3;
    const y = Math.floor(i / 3);
    cells.push(`<rect x="${x + 1}" y="${y + 1}" width="1" height="1"/>`, `<rect x="${5 - x}" y="${y + 1}" width="1" height="1"/>`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 7 7" shape-rendering="crispEdges">` +
    `<rect width="7" height="7" fill="hsl(${hue},40%,92%)"/><g fill="hsl(${hue},55%,45%)">${cells.join('')}</g></svg>`
  );
}
