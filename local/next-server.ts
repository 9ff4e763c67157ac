import http from 'node:http';
import next from 'next';
import { resources } from '../lib/aws/resources';
import { SOCKET_ADDRESS_HEADER } from '../lib/security/client-address';
import { MEDIA_PATH_PREFIX } from '../lib/storage/media-paths';
import { trustedMediaKeys } from './cdn/media-keys';
import { mediaOrigin } from './cdn/media-origin';
import { portFromEnv } from './ports';
import { applyViewerRequest } from './viewer-request';

/*
 * Next.js behind a server of our own, as `npm run dev` and `npm start` run it. With no proxy in front,
 * X-Forwarded-For is whatever the client sent (Next only fills it in when it is absent), so this server
 * hands the app the socket's address instead, under a header no client can set: any copy a client sends
 * is removed first. The app trusts it because TRUSTED_PROXY_HOPS is 0 here (lib/security/client-address.ts).
 * It also does what the distribution's viewer-request function does to a request first (viewer-request.ts).
 */
const dev = process.argv.includes('--dev');
const port = portFromEnv('PORT', 3000);
const app = next({ dev, dir: process.cwd(), port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

// /media/* is CloudFront's on AWS, straight from the media bucket: here its stand-in answers it, before Next.js.
const serveMedia = mediaOrigin({ bucket: () => resources.mediaBucket, trustedKeys: trustedMediaKeys() });

const server = http.createServer((request, response) => {
  if (request.url?.startsWith(MEDIA_PATH_PREFIX)) return void serveMedia(request, response);
  delete request.headers[SOCKET_ADDRESS_HEADER];
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';
  applyViewerRequest(request);
  void handle(request, response);
});
// Hot reloading in development runs over a WebSocket.
server.on('upgrade', (request, socket, head) => void upgrade(request, socket, head));
server.listen(port, () => console.log(`  ▲ Next.js ${dev ? 'dev' : 'production'} server on http://localhost:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
