/** The auth part of the API contract (see ./define.ts): sign-in, the session, two-factor. */
import { z } from 'zod';
import { UserDto } from '../dto.ts';
import { LoginInput, OtpConfirmInput, PasswordChangeInput } from '../schemas.ts';
import { routes } from './define.ts';

const tags = ['Auth'];

/** The signed-in user. */
export const SessionUserDto = z.object({ user: UserDto }).meta({ id: 'SessionUserDto' });
export type SessionUserDto = z.infer<typeof SessionUserDto>;

/** The start of two-factor enrolment: the secret, as a link and as a QR code to scan. */
export const TotpSetupDto = z
  .object({
    secret: z.string(),
    /** otpauth://totp/… */
    otpauthUrl: z.string(),
    /** the same link as an SVG QR code */
    qrSvg: z.string(),
  })
  .meta({ id: 'TotpSetupDto' });
export type TotpSetupDto = z.infer<typeof TotpSetupDto>;

/** Two-factor is on: recovery codes, shown once. */
export const RecoveryCodesDto = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodesDto' });
export type RecoveryCodesDto = z.infer<typeof RecoveryCodesDto>;

export const authRoutes = routes({
  'POST /auth/login': {
    summary: 'Masuk (sign in)',
    tags,
    body: LoginInput,
    response: SessionUserDto,
    auth: 'none',
  },
  'POST /auth/logout': { summary: 'Keluar (sign out)', tags, response: null, auth: 'optional' },
  'GET /auth/me': { summary: 'Pengguna yang sedang masuk', tags, response: SessionUserDto },
  'POST /auth/totp/setup': {
    summary: 'Mulai pendaftaran verifikasi dua langkah',
    tags,
    response: TotpSetupDto,
  },
  'POST /auth/totp/confirm': {
    summary: 'Aktifkan verifikasi dua langkah',
    tags,
    body: OtpConfirmInput,
    response: RecoveryCodesDto,
  },
  'POST /auth/password': {
    summary: 'Ganti kata sandi',
    tags,
    body: PasswordChangeInput,
    response: null,
  },
});
