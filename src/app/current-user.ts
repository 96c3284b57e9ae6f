/** The signed-in user as the API shows it. */
import { userWithOrg } from '../db/user.repository.ts';
import type { UserDto } from '../domain/dto.ts';
import { AppError } from '../domain/errors.ts';
import { userDto } from './admin/manage-users.ts';
import type { Services } from './context.ts';

export async function currentUser(svc: Services, userId: string): Promise<UserDto> {
  const u = await userWithOrg(svc.conn.db, userId);
  if (!u) throw new AppError('UNAUTHENTICATED');
  const { disabled: _d, version: _v, ...dto } = userDto(u);
  return dto;
}
