import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NGINX_BINARY, nginxInstalled } from '../../support/nginx-balancer.ts';
import { selfSignedCertificate } from '../../support/self-signed-cert.ts';
import { tempDir } from '../../support/temp-sqlite.ts';

/**
 * deploy/nginx.conf as an operator would install it (in nginx's http context, the placeholders
 * filled in) passes `nginx -t`: the file the README tells people to copy is valid as written.
 * Where Debian's nginx is not installed there is nothing to check it with.
 */
const DEPLOY = path.resolve(import.meta.dirname, '../../../deploy');

describe.skipIf(!nginxInstalled())('deploy/nginx.conf', () => {
  it('passes nginx -t once its certificate paths and include point at real files', () => {
    const dir = tempDir('tandem-nginx-check-');
    try {
      const { cert, key } = selfSignedCertificate();
      writeFileSync(path.join(dir.dir, 'cert.pem'), cert);
      writeFileSync(path.join(dir.dir, 'key.pem'), key);
      const site = readFileSync(path.join(DEPLOY, 'nginx.conf'), 'utf8')
        .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${path.join(dir.dir, 'cert.pem')};`)
        .replace(
          /ssl_certificate_key\s+\S+;/,
          `ssl_certificate_key ${path.join(dir.dir, 'key.pem')};`,
        )
        .replace(
          /include\s+\S*tandem-proxy\.conf;/g,
          `include ${path.join(DEPLOY, 'tandem-proxy.conf')};`,
        );
      writeFileSync(path.join(dir.dir, 'site.conf'), site);
      writeFileSync(
        path.join(dir.dir, 'main.conf'),
        [
          `pid ${path.join(dir.dir, 'nginx.pid')};`,
          `error_log ${path.join(dir.dir, 'error.log')};`,
          'events {}',
          `http { access_log off; include ${path.join(dir.dir, 'site.conf')}; }`,
        ].join('\n'),
      );
      const check = spawnSync(
        NGINX_BINARY,
        ['-t', '-p', dir.dir, '-c', path.join(dir.dir, 'main.conf')],
        {
          encoding: 'utf8',
        },
      );
      expect(check.stderr).toContain('test is successful');
      expect(check.status).toBe(0);
    } finally {
      dir.remove();
    }
  });
});
