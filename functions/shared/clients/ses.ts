/** The SES v2 client, once per container (see ./dynamodb.ts). */
import { SESv2Client } from '@aws-sdk/client-sesv2';

export const ses = new SESv2Client({});
