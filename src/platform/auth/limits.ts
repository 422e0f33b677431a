/** How many failed sign-ins are allowed, per account and per network address, in each window. */
export interface SignInLimits {
  /** Failed sign-ins to one account (by email), from anywhere. */
  perAccount: number;
  /** Failed sign-ins from one network address, to any accounts: an office behind one address shares it. */
  perAddress: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 100 };
export const SIGN_IN_WINDOW_MINUTES = 15;

/** Most keys kept at once: past it the oldest are forgotten, so a flood of made-up emails cannot fill the memory. */
const MOST_KEYS = 50_000;

export type Refusal = 'account' | 'address';

/**
 * The failed sign-ins of the last few minutes, kept in memory. Only failures count: a successful
 * sign-in never does, so any number of people behind one address can sign in, and it clears its
 * account's failures. Each failure is forgotten when the window has passed.
 */
export function signInFailures(limits: SignInLimits = SIGN_IN_LIMITS, clock: () => Date = () => new Date()) {
  const failures = new Map<string, number[]>();
  const windowMs = SIGN_IN_WINDOW_MINUTES * 60_000;
  const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
  const addressKey = (address: string) => `address:${address}`;

  const recent = (key: string) => {
    const since = clock().getTime() - windowMs;
    const times = (failures.get(key) ?? []).filter((t) => t > since);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  };

  const add = (key: string) => {
    const times = recent(key);
    failures.delete(key);
    failures.set(key, [...times, clock().getTime()]);
    while (failures.size > MOST_KEYS) failures.delete(failures.keys().next().value!);
  };

  return {
    limits,
    /** Whether a sign-in would be refused before anything is checked: too many failures for this account or from this address. */
    refusal(address: string, email?: string): Refusal | null {
      if (email !== undefined && recent(accountKey(email)).length >= limits.perAccount) return 'account';
      if (recent(addressKey(address)).length >= limits.perAddress) return 'address';
      return null;
    },
    failed(address: string, email?: string) {
      add(addressKey(address));
      if (email !== undefined) add(accountKey(email));
    },
    /** A successful sign-in: its account starts again from no failures (the address keeps its count). */
    succeeded(email: string) {
      failures.delete(accountKey(email));
    },
  };
}

export type SignInFailures = ReturnType<typeof signInFailures>;

/** What the sign-in pages say when they refuse, in GOV.UK's words for a problem. */
export const REFUSALS: Record<Refusal, string> = {
  account: `There have been too many wrong passwords for this account. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again, or sign in with a link by email`,
  address: `There have been too many failed sign-ins from your network. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again`,
};
