/** The Svelte page of the end-to-end test: generated runes against the live samples/hello. */
import { createClient } from "@mizan/base";
import { mount } from "svelte";
import { appBase } from "./base.js";
import Root from "./Root.svelte";

mount(Root, { target: document.getElementById("app")!, props: { client: createClient({ baseUrl: appBase() }) } });
