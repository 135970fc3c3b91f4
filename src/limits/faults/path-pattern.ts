/**
 * The `path` criterion: a glob (`*` stays inside one path segment, `**` crosses them) or,
 * when it starts with `^`, a regular expression. Either must match the whole path.
 */
export function pathPattern(pattern: string): RegExp {
  if (pattern.startsWith('^')) return new RegExp(pattern);
  const source = pattern
    .split('**')
    .map((part) => part.split('*').map(escape).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Why a pattern cannot be used, or undefined when it can. */
export function pathPatternProblem(pattern: string): string | undefined {
  if (!pattern.startsWith('/') && !pattern.startsWith('^')) return 'must be a glob starting with / or a regular expression starting with ^';
  try {
    pathPattern(pattern);
    return undefined;
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
