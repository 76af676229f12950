#!/usr/bin/env node
"use strict";
const { load, tuneJit } = require("./load.js");
tuneJit();
load().exports.main(process.argv);
