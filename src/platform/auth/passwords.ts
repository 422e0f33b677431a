import { hash, verify, type Options } from '@node-rs/argon2';

/** Argon2id (algorithm 2) with OWASP's recommended minimum cost. */
const options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, options);

/** Compared against when no such user exists, so a wrong email takes as long as a wrong password. */
const decoy = hash('not a real password', options);

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const target = storedHash ?? (await decoy);
  try {
    const ok = await verify(target, password);
    return ok && storedHash != null;
  } catch {
    return false;
  }
}
