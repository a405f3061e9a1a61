/** The S3 client, once per container (see ./dynamodb.ts). */
import { S3Client } from '@aws-sdk/client-s3';

/** Path-style addressing only where a local S3 stands in (no bucket DNS). */
export const s3 = new S3Client({
  forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
});
