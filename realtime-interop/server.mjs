// A tiny real socket.io 4 server for the interop test (tests/socketio_interop.rs).
// Listens on 127.0.0.1 on a free port, prints {"port":N} first, then one JSON line per thing it saw.
// Exits when its stdin closes (the test ends or dies).
import { createRequire } from 'node:module';
import http from 'node:http';

const require = createRequire(import.meta.url);
const { Server } = require('socket.io');

const log = (entry) => process.stdout.write(JSON.stringify(entry) + '\n');
const httpServer = http.createServer();
// Short heartbeat so the test sees several pings answered within a second.
const io = new Server(httpServer, { transports: ['websocket'], pingInterval: 300, pingTimeout: 200 });

io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  log({ seen: 'connect', token });
  if (token === 'fresh-token') next();
  else next(new Error('invalid token'));
});

let seq = 0;
io.on('connection', (socket) => {
  socket.on('subscribe', (payload) => {
    log({ seen: 'subscribe', payload });
    seq += 1;
    socket.emit('balance:update', {
      accountId: 'acc-1', balance: '125430.10', availableBalance: '125000.00', currency: 'USD',
      asOf: '2025-01-01T10:00:00Z', seq,
    });
    socket.emit('question', 'ready?', (...answer) => {
      log({ seen: 'answer', answer });
      socket.emit('alert:system', { level: 'info', message: 'acked' });
    });
  });
  socket.on('echo', (data, ack) => ack({ echoed: data }));
  socket.on('kick', () => socket.conn.close());
  socket.on('disconnect', (reason) => log({ seen: 'disconnect', reason }));
});

httpServer.listen(0, '127.0.0.1', () => log({ port: httpServer.address().port }));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
