/**
 * The whole API contract (decision 022): every operation the server answers under /api/v1,
 * merged from the modules' parts. The server implements each key; the web's client is typed from
 * `Contract` with `import type` (nothing of it reaches the browser bundle).
 */
import { adminRoutes } from './admin.ts';
import { authRoutes } from './auth.ts';
import { caseRoutes } from './cases.ts';
import { directoryRoutes } from './directory.ts';
import { intakeRoutes } from './intake.ts';
import { klaRoutes } from './kla.ts';
import { lettersRoutes } from './letters.ts';
import { meetingsRoutes } from './meetings.ts';
import { notificationsRoutes } from './notifications.ts';
import { postersRoutes } from './posters.ts';
import { preventionRoutes } from './prevention.ts';
import { radRoutes } from './rad.ts';
import { referenceRoutes } from './reference.ts';
import { referralsRoutes } from './referrals.ts';
import { regulationsRoutes } from './regulations.ts';
import { simfoniRoutes } from './simfoni.ts';
import { statsRoutes } from './stats.ts';
import { trainingRoutes } from './training.ts';
import { transfersRoutes } from './transfers.ts';
import { whatsappRoutes } from './whatsapp.ts';

export const contract = {
  ...authRoutes,
  ...referenceRoutes,
  ...caseRoutes,
  ...intakeRoutes,
  ...referralsRoutes,
  ...transfersRoutes,
  ...directoryRoutes,
  ...notificationsRoutes,
  ...whatsappRoutes,
  ...lettersRoutes,
  ...adminRoutes,
  ...statsRoutes,
  ...simfoniRoutes,
  ...meetingsRoutes,
  ...radRoutes,
  ...regulationsRoutes,
  ...postersRoutes,
  ...preventionRoutes,
  ...trainingRoutes,
  ...klaRoutes,
};
export type Contract = typeof contract;
export type ContractKey = keyof Contract;
