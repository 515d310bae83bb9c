// Preloaded with --require by the no-network tests: every way Node can reach the network records
// the attempt in $MLSEC_NETWORK_LOG and throws.
'use strict';
const fs = require('fs');
const log = process.env.MLSEC_NETWORK_LOG;
const deny = (what) =>
  function () {
    if (log) fs.appendFileSync(log, `${what}\n`);
    throw new Error(`network access denied in tests: ${what}`);
  };
const net = require('net');
for (const k of ['connect', 'createConnection', 'createServer']) net[k] = deny(`net.${k}`);
net.Socket.prototype.connect = deny('net.Socket.connect');
for (const m of ['http', 'https']) {
  const mod = require(m);
  mod.request = deny(`${m}.request`);
  mod.get = deny(`${m}.get`);
}
const tls = require('tls');
tls.connect = deny('tls.connect');
const dns = require('dns');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns[k] = deny(`dns.${k}`);
dns.promises.lookup = deny('dns.promises.lookup');
require('dgram').createSocket = deny('dgram.createSocket');
globalThis.fetch = deny('fetch');
