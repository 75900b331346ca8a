// Colours of a split trend's lines (eight of Tableau 10's, told apart by most colour-blind
// readers), the last one grey for the line that sums the rest. Chart and legend share them.
export const SPLIT_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#9c755f',
  '#d37295',
];
export const REST_COLOUR = '#8b949e';

/** The colour of line `i`; the rest line (null value) is always grey. */
export function splitColour(i: number, rest: boolean): string {
  return rest ? REST_COLOUR : SPLIT_COLOURS[i % SPLIT_COLOURS.length];
}
