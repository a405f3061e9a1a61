/**
 * The resident's address, for the per-address limits. In AWS the pages
 * and the form's API sit behind CloudFront, so API Gateway's `sourceIp` is
 * a CloudFront edge: every resident would share one limit. CloudFront
 * sends the viewer's address in `CloudFront-Viewer-Address` (`ip:port`;
 * the AllViewerExceptHostHeader origin request policy forwards it), and a
 * viewer cannot set it through CloudFront. Without it (the local stack, or
 * the API called directly) the peer address is the client.
 */
export interface AddressedEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly requestContext: { readonly http: { readonly sourceIp: string } };
}

export function clientAddress(event: AddressedEvent): string {
  const viewer = event.headers?.['cloudfront-viewer-address']?.trim();
  const ip = viewer?.replace(/:\d+$/, '');
  return ip !== undefined && /^[0-9A-Fa-f:.]{3,45}$/.test(ip)
    ? ip
    : event.requestContext.http.sourceIp;
}
