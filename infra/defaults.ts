/*
 * Defaults for every Function in the app, SST's own included (the site's server and image optimizer).
 * Imported first in sst.config.ts, because $transform only reaches components created after it.
 */

/*
 * SST's Function lets the whole account assume its role outside `sst dev` too (its check tests an
 * Output, which is always truthy). Deployed roles trust Lambda alone; under `sst dev` the local
 * runner needs the account principal, so the role is left as SST makes it there.
 */
export function trustLambdaOnly(args: aws.iam.RoleArgs): void {
  if (!$dev) args.assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' });
}

$transform(sst.aws.Function, (args) => {
  const own = args.transform?.role;
  args.transform = {
    ...args.transform,
    role: (roleArgs, opts, name) => {
      if (typeof own === 'function') own(roleArgs, opts, name);
      else if (own) Object.assign(roleArgs, own);
      trustLambdaOnly(roleArgs);
      return undefined;
    },
  };
});
