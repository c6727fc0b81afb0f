import * as assert from 'assert';
import { ContextExclusion, enabledGlobs, globToRegExp, isContextAllowed } from '../../../src/core/context/contextPrivacy';

describe('context/contextPrivacy', () => {
  it('globToRegExp speaks VS Code glob syntax', () => {
    assert.ok(globToRegExp('**/*.ts').test('src/a/b.ts'));
    assert.ok(globToRegExp('**/*.ts').test('b.ts'));
    assert.ok(!globToRegExp('*.ts').test('src/b.ts'));
    assert.ok(globToRegExp('src/{a,b}/?.js').test('src/b/x.js'));
    assert.ok(!globToRegExp('src/{a,b}/?.js').test('src/c/x.js'));
    assert.ok(globToRegExp('[ab]*.md').test('about.md'));
    assert.ok(!globToRegExp('[!ab]*.md').test('about.md'));
    assert.ok(globToRegExp('a.b').test('a.b') && !globToRegExp('a.b').test('axb'));
  });

  it('enabledGlobs keeps only the patterns set to true', () => {
    assert.deepStrictEqual(enabledGlobs({ '**/.git': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
    assert.deepStrictEqual(enabledGlobs(['a', '', 3]), ['a']);
    assert.deepStrictEqual(enabledGlobs(undefined), []);
  });

  it('a folder pattern excludes everything under it', () => {
    const exclusion = new ContextExclusion(['**/node_modules', 'build/']);
    assert.ok(exclusion.excludes('node_modules/pkg/index.js'));
    assert.ok(exclusion.excludes('packages/x/node_modules/y.js'));
    assert.ok(exclusion.excludes('build/out.js'));
    assert.ok(!exclusion.excludes('src/build.js'));
  });

  it('files that commonly hold secrets are always excluded', () => {
    const exclusion = new ContextExclusion([]);
    for (const path of ['.env', 'app/.env.local', 'certs/server.pem', 'deploy/id_rsa', '.npmrc', 'home/.ssh/config']) {
      assert.ok(exclusion.excludes(path), path);
    }
    assert.ok(!exclusion.excludes('src/environment.ts'));
    assert.ok(!new ContextExclusion([], false).excludes('.env'));
  });

  it('a document outside the workspace (or untitled) is never allowed', () => {
    const exclusion = new ContextExclusion(['**/*.secret.ts']);
    assert.ok(!isContextAllowed({ relativePath: undefined }, exclusion));
    assert.ok(!isContextAllowed({ relativePath: 'a.secret.ts' }, exclusion));
    assert.ok(isContextAllowed({ relativePath: 'src/a.ts' }, exclusion));
  });
});
