/**
 * When to move on to the next list: after this many random picks in a row hit indexes
 * handed out before. Picks are uniform, so at a fill f a run of k collisions has the chance
 * f^k per allocation. With k = 12 a list of 131,072 entries is left at about half full
 * (20 simulated fills: median 47 %, between 28 % and 54 %), where a new index costs about
 * two inserts; a list left early only costs a few more 16 KiB lists.
 */
export const MAX_COLLISIONS_IN_A_ROW = 12;
