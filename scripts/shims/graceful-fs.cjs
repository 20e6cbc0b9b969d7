// Stands in for graceful-fs in the bundle (see scripts/build.mjs): proper-lockfile gets node:fs.
'use strict';
module.exports = require('node:fs');
