import { strict as assert } from 'assert';
import fc from 'fast-check';
import { credentialName, credentialValue, isPlaceholderValue, nameWords } from '../rules/secrets/credentials';

/**
 * How MLS207 reads a name: split into words, the last credential word decides, and words after it
 * that make the name about the credential keep it quiet. The fixtures test these through the rule;
 * here the word splitting and the suffix list are checked on their own, over every spelling.
 */
describe('credential names', () => {
  it('splits snake_case, camelCase, acronyms and digits into words', () => {
    assert.deepEqual(nameWords('EMAIL_PASSWORD'), ['email', 'password']);
    assert.deepEqual(nameWords('dbPassword'), ['db', 'password']);
    assert.deepEqual(nameWords('db_pass2'), ['db', 'pass', '2']);
    assert.deepEqual(nameWords('APIKey'), ['api', 'key']);
    assert.deepEqual(nameWords('X-Api-Key'), ['x', 'api', 'key']);
    assert.deepEqual(nameWords('my_secret_password_for_email'), ['my', 'secret', 'password', 'for', 'email']);
  });

  it('reads a credential word in any case and in any place of the name', () => {
    const spell = [(w: string[]) => w.join('_'), (w: string[]) => w.join('_').toUpperCase(), (w: string[]) => w[0] + w.slice(1).map((x) => x[0].toUpperCase() + x.slice(1)).join('')];
    const word = fc.constantFrom('password', 'passwd', 'pwd', 'secret', 'passphrase', 'token', 'credentials');
    const prefix = fc.array(fc.constantFrom('db', 'email', 'my', 'admin', 'service', 'prod', 'user'), { maxLength: 3 });
    fc.assert(
      fc.property(prefix, word, fc.constantFrom(...spell), fc.constantFrom('', '2', '_new'), (before, w, join, after) => {
        const name = join([...before, w]) + after;
        assert.ok(credentialName(name), name);
      }),
    );
  });

  it('says nothing of a name about a credential: a word after it from the non-value list', () => {
    const suffix = fc.constantFrom('length', 'count', 'name', 'prompt', 'field', 'type', 'url', 'rate', 'hint', 'regex', 'policy', 'file', 'path', 'env', 'id', 'expires', 'header', 'label', 'min', 'max', 'scope');
    fc.assert(
      fc.property(fc.constantFrom('password', 'token', 'secret', 'auth', 'pass', 'api_key'), suffix, fc.boolean(), (w, s, upper) => {
        const name = `${w}_${s}`;
        assert.equal(credentialName(upper ? name.toUpperCase() : name), undefined, name);
      }),
    );
    for (const name of ['max_tokens', 'num_tokens', 'tokenizer', 'tokens', 'passes', 'bypass', 'compass', 'passed_msg', 'pad_token', 'eos_token', 'cache_key', 'sort_key', 'primary_key', 'show_password']) {
      assert.equal(credentialName(name), undefined, name);
    }
  });

  it('tells how strong the name is', () => {
    assert.equal(credentialName('SECRET_KEY')?.strength, 'password');
    assert.equal(credentialName('api_key')?.strength, 'password');
    assert.equal(credentialName('theapikey')?.strength, 'password');
    assert.equal(credentialName('access_token')?.strength, 'token');
    assert.equal(credentialName('key')?.strength, 'key');
    assert.equal(credentialName('webhook_key')?.strength, 'password');
    assert.equal(credentialName('license')?.strength, undefined);
  });

  it('keeps placeholders, templates, prose, paths and URLs quiet, and reports values that are none of those', () => {
    for (const v of ['', 'xx', 'changeme', '<your-token>', 'xxx', '***', '${DB_PASS}', '{password}', '%(password)s', 'password', 'DB_PASSWORD', 'settings.SECRET_KEY', '/etc/ml/key.pem', 'creds.json', 'https://auth.internal/token', 'Enter your password:', 'EMPTY', 'your_api_key_here']) {
      assert.ok(isPlaceholderValue(v, 'db_password'), v);
    }
    for (const v of ['hunter2', 's3cr3t', 'Zq8#kL2!vB9@xR4$', 'this cool password', '{{h}o)p${e]nob(ody[finds>-_$#thisone}}', '123']) {
      assert.ok(credentialValue(v, 'db_password', 'password'), v);
    }
    // A label that ends with what the name is stands in for the value; other words are a value.
    assert.ok(isPlaceholderValue('email_password', 'password'));
    assert.ok(isPlaceholderValue('Sender Password', 'password'));
    assert.ok(isPlaceholderValue('db_pass', 'db_passwd'));
    assert.ok(!isPlaceholderValue('inbox_secret', 'email_pwd'));
    assert.ok(!isPlaceholderValue('this cool password', 'password'));
    assert.ok(!isPlaceholderValue('session_secret', 'SECRET_KEY'), 'a signing key signs with whatever it is given');
    // A token must look like one; a word is a tokenizer's token.
    assert.ok(!credentialValue('the', 'token', 'token'));
    assert.ok(!credentialValue('Paris', 'token', 'token'));
    assert.ok(credentialValue('s3cr3t', 'token', 'token'));
    // A bare key only with detect-secrets' entropy.
    assert.ok(!credentialValue('label', 'key', 'key'));
    assert.ok(credentialValue('a8f5f167f44f4964e6c998dee827110c', 'key', 'key'));
  });
});
