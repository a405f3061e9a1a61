/**
 * The staff console's pages. Until the console lands, every page says so.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  return { statusCode: 503, body: 'The staff console is not deployed yet.' };
}
