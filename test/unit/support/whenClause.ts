/**
 * Whether a `when` clause of the form package.json's menus use holds for a tree row: `&&` of `viewItem == x`,
 * `viewItem =~ /re/` and their negation `!(viewItem =~ /re/)`, as VS Code's context-key parser reads them. Any other
 * term (`view == redisTasks.tasks`, a context key) is taken as true: the row is in our view.
 */
export function whenHoldsForRow(when: string, contextValue: string): boolean {
  return when.split('&&').every(raw => {
    let part = raw.trim();
    const negated = /^!\((.*)\)$/.exec(part);
    if (negated) part = negated[1].trim();
    const holds = termHolds(part, contextValue);
    return negated ? !holds : holds;
  });
}

function termHolds(part: string, contextValue: string): boolean {
  const eq = /^viewItem == (\S+)$/.exec(part);
  if (eq) return eq[1] === contextValue;
  const re = /^viewItem =~ \/(.+)\/$/.exec(part);
  if (re) return new RegExp(re[1]).test(contextValue);
  return true;
}
