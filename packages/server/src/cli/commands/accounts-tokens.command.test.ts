import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestHttp, type TestHttp } from '../../../test/http.js';
import { AccountSchema } from '../../modules/accounts/account.entity.js';
import { ApiTokenSchema } from '../../modules/accounts/api-token.entity.js';
import { OrganizationSchema } from '../../modules/organizations/organization.entity.js';
import { PersonSchema } from '../../modules/people/person.entity.js';
import { runCli } from '../main.js';

let db: TestDatabase;
let http: TestHttp;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db);
  process.env.DATABASE_URL = db.url;
  const em = db.orm.em.fork();
  em.create(OrganizationSchema, { acronym: 'NCCT-T', name: 'National Committee', kind: 'COMMITTEE' });
  await em.flush();
});
afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  await http?.close();
  await db?.drop();
});

/** Runs the CLI with `stdin` as standard input; returns exit code and output lines. */
async function cli(argv: string[], stdin: string | Buffer = '') {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(stdin)]), configurable: true });
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(
      argv,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out, err };
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

describe('accounts and tokens from the operator CLI', () => {
  it('accounts:create makes an account and its person; the password comes from standard input', async () => {
    const result = await cli(
      [
        'accounts:create',
        '--email',
        'Chan.Sopheap@ncct.example.org',
        '--role',
        'secretariat',
        '--organization',
        'ncct-t',
        '--name',
        'Chan Sopheap',
      ],
      'a secretariat passphrase\n',
    );
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out.at(-1)).toMatch(/Created the SECRETARIAT account chan.sopheap@ncct.example.org/);
    const em = db.orm.em.fork();
    const account = await em.findOneOrFail(AccountSchema, { email: 'chan.sopheap@ncct.example.org' });
    const person = await em.findOneOrFail(PersonSchema, { id: account.person });
    expect(person.fullName).toBe('Chan Sopheap');
    await expect(http.login('chan.sopheap@ncct.example.org', 'a secretariat passphrase')).resolves.toBeTruthy();
  });

  it('accounts:create refuses bad input with a one-line reason and exit code 1', async () => {
    const weak = await cli(['accounts:create', '--email', 'x@y.example.org', '--role', 'PARTNER'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toEqual([expect.stringMatching(/^prachum accounts:create: password must be at least 12/)]);
    const role = await cli(
      ['accounts:create', '--email', 'x@y.example.org', '--role', 'KING'],
      'long enough password\n',
    );
    expect(role.code).toBe(1);
    expect(role.err[0]).toMatch(/--role must be one of/);
    const org = await cli(
      ['accounts:create', '--email', 'x@y.example.org', '--role', 'PARTNER', '--organization', 'NOPE'],
      'long enough password\n',
    );
    expect(org.err[0]).toMatch(/no organisation with the acronym "NOPE"/);
    expect(await db.orm.em.fork().count(AccountSchema, { email: 'x@y.example.org' })).toBe(0);
    const help = await cli(['accounts:create', '--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/--email E/);
  });

  it('tokens:create prints the token alone on the last line; tokens:revoke ends it', async () => {
    await cli(
      ['accounts:create', '--email', 'iom@partner.example.org', '--role', 'PARTNER'],
      'iom partner passphrase\n',
    );
    const created = await cli([
      'tokens:create',
      '--email',
      'iom@partner.example.org',
      '--name',
      'IOM dashboard',
      '--scope',
      'read',
    ]);
    expect(created.code).toBe(0);
    const token = created.out.at(-1)!;
    expect(token).toMatch(/^prc_[A-Za-z0-9_-]{43}$/);
    expect((await http.gql('{ me { role canWrite } }', undefined, { token })).body.data?.me).toEqual({
      role: 'PARTNER',
      canWrite: false,
    });

    const byPrefix = await cli(['tokens:revoke', '--token-prefix', token.slice(0, 12)]);
    expect(byPrefix.code).toBe(0);
    expect(byPrefix.out[0]).toMatch(/Revoked the token "IOM dashboard"/);
    expect((await http.gql('{ me { role } }', undefined, { token })).status).toBe(401);

    const second = await cli([
      'tokens:create',
      '--email',
      'iom@partner.example.org',
      '--name',
      'script',
      '--scope',
      'WRITE',
    ]);
    const stored = await db.orm.em.fork().findOneOrFail(ApiTokenSchema, { name: 'script' });
    const byId = await cli(['tokens:revoke', '--id', stored.id]);
    expect(byId.code).toBe(0);
    expect((await http.gql('{ me { role } }', undefined, { token: second.out.at(-1) })).status).toBe(401);

    const missing = await cli(['tokens:revoke', '--token-prefix', 'prc_nothing']);
    expect(missing.code).toBe(1);
    const unknown = await cli(['tokens:create', '--email', 'ghost@x.example.org', '--name', 'n', '--scope', 'READ']);
    expect(unknown.err[0]).toMatch(/no active account/);
    const badScope = await cli([
      'tokens:create',
      '--email',
      'iom@partner.example.org',
      '--name',
      'n',
      '--scope',
      'ALL',
    ]);
    expect(badScope.err[0]).toMatch(/--scope must be READ or WRITE/);
  });

  it('accounts:deactivate ends sessions and tokens at once', async () => {
    await cli(
      ['accounts:create', '--email', 'leaver@ncct.example.org', '--role', 'SECRETARIAT'],
      'long goodbye passphrase\n',
    );
    const cookie = await http.login('leaver@ncct.example.org', 'long goodbye passphrase');
    const token = (
      await cli(['tokens:create', '--email', 'leaver@ncct.example.org', '--name', 'n', '--scope', 'WRITE'])
    ).out.at(-1);
    const result = await cli(['accounts:deactivate', '--email', 'LEAVER@ncct.example.org']);
    expect(result.code).toBe(0);
    expect((await http.gql('{ me { role } }', undefined, { cookie })).body.data?.me).toBeNull();
    expect((await http.gql('{ me { role } }', undefined, { token })).status).toBe(401);
    const missing = await cli(['accounts:deactivate', '--email', 'nobody@ncct.example.org']);
    expect(missing.code).toBe(1);
  });

  it('checks text from options and standard input as every entry point does; names go on in NFC', async () => {
    const account = ['accounts:create', '--role', 'PARTNER'];
    const nul = await cli(
      [...account, '--email', 'nul@x.example.org', '--name', 'So\u0000k'],
      'long enough password\n',
    );
    expect(nul.code).toBe(1);
    expect(nul.err).toEqual(['prachum accounts:create: --name must not contain the NUL character (U+0000)']);
    const lone = await cli(
      [...account, '--email', 'lone@x.example.org', '--name', 'So\ud800k'],
      'long enough password\n',
    );
    expect(lone.err).toEqual([expect.stringMatching(/^prachum accounts:create: --name must be well-formed Unicode/)]);
    const long = await cli([...account, '--email', `${'x'.repeat(1000)}@x.example.org`]);
    expect(long.err).toEqual([
      expect.stringMatching(/^prachum accounts:create: --email must be at most 1000 characters/),
    ]);
    const notUtf8 = await cli([...account, '--email', 'bytes@x.example.org'], Buffer.from([0x70, 0xff, 0x0a]));
    expect(notUtf8.err).toEqual(['prachum accounts:create: standard input is not UTF-8 text']);
    const nulInput = await cli([...account, '--email', 'nul2@x.example.org'], 'long enough\u0000password\n');
    expect(nulInput.err).toEqual([
      'prachum accounts:create: standard input must not contain the NUL character (U+0000)',
    ]);
    for (const result of [nul, lone, long, notUtf8, nulInput]) expect(result.code).toBe(1);
    expect(await db.orm.em.fork().count(AccountSchema, { email: { $like: '%@x.example.org' } })).toBe(0);

    const decomposed = 'Sre\u0301y Ka\u0301';
    const made = await cli(
      [...account, '--email', 'nfc@x.example.org', '--name', decomposed],
      'long enough password\n',
    );
    expect(made.code).toBe(0);
    const em = db.orm.em.fork();
    const stored = await em.findOneOrFail(AccountSchema, { email: 'nfc@x.example.org' });
    expect((await em.findOneOrFail(PersonSchema, { id: stored.person })).fullName).toBe(decomposed.normalize('NFC'));
  });
});
