/** A page draws itself into root; what it returns is called when the user leaves it. */
export type Page = (root: HTMLElement, route: string[]) => void | (() => void);
