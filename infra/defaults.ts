import { XRAY_WRITE } from './function-specs';

/*
 * Defaults for every Function in the app, SST's own included (the site's server and image optimizer,
 * the live-updates authorizer). Imported first in sst.config.ts, because $transform only reaches
 * components created after it.
 */

/*
 * SST's Function lets the whole account assume its role outside `sst dev` too (its check tests an
 * Output, which is always truthy). Deployed roles trust Lambda alone; under `sst dev` the local
 * runner needs the account principal, so the role is left as SST makes it there.
 */
export function trustLambdaOnly(args: aws.iam.RoleArgs): void {
  if (!$dev) args.assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' });
}

/** X-Ray active tracing: Lambda samples each invocation (1 a second, then 5%) and records its segments (docs/deploy.md#tracing). */
export function traceActively(functionArgs: aws.lambda.FunctionArgs): void {
  functionArgs.tracingConfig = { mode: 'Active' };
}

/*
 * Every function, SST's own included, is built through here: each is traced, with the grant that
 * needs, and its role trusts Lambda alone.
 */
$transform(sst.aws.Function, (args) => {
  const ownRole = args.transform?.role;
  const ownFunction = args.transform?.function;
  args.permissions = $output(args.permissions ?? []).apply((permissions) => [...permissions, XRAY_WRITE]);
  args.transform = {
    ...args.transform,
    role: (roleArgs, opts, name) => {
      if (typeof ownRole === 'function') ownRole(roleArgs, opts, name);
      else if (ownRole) Object.assign(roleArgs, ownRole);
      trustLambdaOnly(roleArgs);
      return undefined;
    },
    function: (functionArgs, opts, name) => {
      if (typeof ownFunction === 'function') ownFunction(functionArgs, opts, name);
      else if (ownFunction) Object.assign(functionArgs, ownFunction);
      traceActively(functionArgs);
      return undefined;
    },
  };
});
