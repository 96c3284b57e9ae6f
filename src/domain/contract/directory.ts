/** The directory part of the API contract (see ./define.ts). */
import { routes } from './define.ts';

export const directoryRoutes = routes({});
