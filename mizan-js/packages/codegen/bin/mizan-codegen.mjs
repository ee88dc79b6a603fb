#!/usr/bin/env node
// The `mizan-codegen` command. The compiled CLI lives in dist: a published package ships it, and in
// a clone `npm ci` in mizan-js builds it (the root `prepare` script).
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
