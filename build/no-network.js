// Stands in for Node's `net` module in the bundles. vscode-jsonrpc requires `net` for socket and
// pipe transports, which MLSec never uses (stdio and Node IPC only); with this stub no bundle can
// open a connection, whatever a dependency tries.
'use strict';
module.exports = new Proxy(
  {},
  {
    get(_, name) {
      if (name === '__esModule') return false;
      return () => {
        throw new Error(`MLSec does not use the network (net.${String(name)} was called)`);
      };
    },
  },
);
