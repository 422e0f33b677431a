import type { DueStatus } from '../carers/checks/expiry.js';
import type { IsoDate } from '../platform/dates.js';

/** What a panel sees about a carer: written once, when the case is added, and kept as it was. */
export interface PanelPapers {
  carerName: string;
  area: string | null;
  enquiredOn: IsoDate;
  worker: string | null;
  /** The worker's assessment summary for the panel. */
  summary: string;
  home: { label: string; value: string }[];
  household: { name: string; relationship: string; age: number; adult: boolean }[];
  checks: { name: string; who: string; status: DueStatus; completedOn: IsoDate | null; expiresOn: IsoDate | null }[];
  preparedOn: IsoDate;
  preparedBy: string | null;
}
