/**
 * Every SDK client, for code that wants several. A handler imports the
 * client modules it needs from ./clients/ instead, so its bundle carries
 * only those SDK clients.
 */
export { documents, dynamoDb } from './clients/dynamodb.js';
export { s3 } from './clients/s3.js';
export { scheduler } from './clients/scheduler.js';
export { ses } from './clients/ses.js';
