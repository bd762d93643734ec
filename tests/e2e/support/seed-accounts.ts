// Run by the end-to-end setup with the server's tsx: creates the demo accounts (one per role) in the database
// the server under test uses, and prints their logins as JSON on the last line.
import { createDemoAccounts } from '../../../packages/server/src/auth/demo-accounts.js';
import { withDatabase } from '../../../packages/server/src/cli/database.js';

const logins = await withDatabase((database) => createDemoAccounts(database.orm));
console.log(JSON.stringify(logins));
