/**
 * The staff console's sign-in redirects: the pages the user pool sends a
 * browser back to, the same in AWS (the app client's callback and sign-out
 * URLs, under the site's origin) and locally (the local pool's). The
 * console function serves both paths. Dependency-free: infra/local and the
 * CDK app both import it.
 */
export const consoleSignIn = {
  /** Where the hosted UI returns with `?code=…&state=…`. */
  callbackPath: '/console/callback',
  /** Where the hosted UI returns after `/logout`. */
  signedOutPath: '/console/signed-out',
} as const;

/** The app client's callback and sign-out URLs for a site origin. */
export function consoleRedirects(siteUrl: string): {
  readonly callbackUrls: readonly string[];
  readonly signOutUrls: readonly string[];
} {
  return {
    callbackUrls: [`${siteUrl}${consoleSignIn.callbackPath}`],
    signOutUrls: [`${siteUrl}${consoleSignIn.signedOutPath}`],
  };
}
