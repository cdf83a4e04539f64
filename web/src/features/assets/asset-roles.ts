/** Who reads the register. */
export const READERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'] as const;
/** Who registers and edits assets: the clerk of a village, the officer of a township. */
export const WRITERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER'] as const;
