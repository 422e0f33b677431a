export const PAGE_SIZE = 50;

/** GOV.UK pagination for a list: previous, next and nearby page numbers, keeping the list's filters. */
export function pagination(options: {
  page: number;
  total: number;
  path: string;
  query?: Record<string, string | undefined>;
  size?: number;
}) {
  const size = options.size ?? PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(options.total / size));
  const page = Math.min(options.page, pages);
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries(options.query ?? {}).filter((e): e is [string, string] => !!e[1]));
    if (n > 1) params.set('page', String(n));
    const query = params.toString();
    return query ? `${options.path}?${query}` : options.path;
  };
  const near = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  near.forEach((n, i) => {
    if (i > 0 && n - near[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    page,
    pages,
    offset: (page - 1) * size,
    size,
    from: options.total === 0 ? 0 : (page - 1) * size + 1,
    to: Math.min(page * size, options.total),
    total: options.total,
    govuk:
      pages > 1
        ? {
            previous: page > 1 ? { href: href(page - 1) } : undefined,
            next: page < pages ? { href: href(page + 1) } : undefined,
            items,
          }
        : null,
  };
}
