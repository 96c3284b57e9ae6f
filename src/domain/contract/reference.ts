/** The reference part of the API contract (see ./define.ts). */
import { routes } from './define.ts';

export const referenceRoutes = routes({});
