#!/usr/bin/env node
// The `mizan-codegen` command; the compiled CLI lives in dist (run `npm run build` in mizan-js first).
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
