import { createServer as createHttp1Server } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type ServerHttp2Session } from 'node:http2';
import { createServer as createNetServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { requestListener, type Completed, type Handler, type Listening } from './http.js';

/** The HTTP/2 connection preface a prior-knowledge (h2c) client sends first. */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n');

/**
 * The socket as a stream that first yields the bytes already read. (http2 reads a net.Socket's
 * native handle directly, so bytes given back with `unshift` would be lost to it; a plain
 * Duplex makes it read through JavaScript instead.)
 */
const replay = (socket: Socket, first: Buffer): Duplex => {
  const stream = new Duplex({
    read: () => {
      socket.resume();
    },
    write: (chunk: Buffer, _encoding, callback) => {
      socket.write(chunk, callback);
    },
    final: (callback) => {
      socket.end(callback);
    },
    destroy: (err, callback) => {
      socket.destroy(err ?? undefined);
      callback(err);
    },
  });
  stream.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  socket.on('error', (err) => stream.destroy(err));
  return stream;
};

/**
 * Like `listen`, but one port speaks both HTTP/1.1 and cleartext HTTP/2 with prior knowledge,
 * told apart by the first bytes of each connection. The AWS SDK's Bedrock Runtime client uses
 * HTTP/2 by default (NodeHttp2Handler), and over http:// that means h2c; the AWS CLI and
 * other SDKs use HTTP/1.1. Node's http2 module offers HTTP/1 fallback only on TLS (ALPN), hence
 * the sniffing by hand.
 */
export const listenHttp1And2 = async (handler: Handler, onDone: (done: Completed) => void): Promise<Listening> => {
  const serve = requestListener(handler, onDone);
  const http1 = createHttp1Server(serve);
  // Node's own default (5 s), like a real server: Node's client keeps no socket whose server hints
  // `Keep-Alive: timeout=1` (it subtracts a second), so a 1-s timeout meant a new connection per request.
  http1.keepAliveTimeout = 5000;
  const http2 = createHttp2Server((req: Http2ServerRequest, res) => {
    // HTTP/2 carries the host as :authority; SigV4 signs it as `host`.
    if (req.headers.host === undefined && typeof req.headers[':authority'] === 'string') req.headers.host = req.headers[':authority'];
    serve(req, res);
  });
  const sessions = new Set<ServerHttp2Session>();
  http2.on('session', (s: ServerHttp2Session) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      if (first.subarray(0, PREFACE.length).equals(PREFACE)) {
        http2.emit('connection', replay(socket, first));
      } else {
        socket.unshift(first);
        http1.emit('connection', socket);
        socket.resume();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = front.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        front.close((err) => (err ? reject(err) : resolve()));
        for (const s of sessions) s.destroy();
        for (const s of sockets) s.destroy();
      }),
  };
};
