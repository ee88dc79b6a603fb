// Concurrent writes to the same cards, over HTTP (run by run.mjs after the browser part; runnable alone
// against a board that runs: node races.mjs http://127.0.0.1:8080/board/ [url for bob] [pairs]):
//   - alice renames each of her new cards while bob moves it to another column, all at once: every card
//     must end with both its new title and its new column (a write that saves the whole card would
//     put back the title or the column it read before the other request committed: a lost update);
//   - alice renames each of another batch of cards while she deletes it, twice (two tabs): each call
//     answers 200 or 404 not_found as JSON, never a 500, and exactly one delete of each card succeeds.
// docs/how-to/board-sample.md, "Concurrent writes".
import { pathToFileURL } from "node:url";
import { browserSession } from "../../etc/http-session.mjs";
import { check, failures } from "../e2e-support.mjs";

/** A user logged in through the `login` function; `call` answers with the status and the parsed body. */
async function login(base, user) {
  const session = browserSession(base);
  const call = async (name, args) => {
    const res = await session.call(name, args);
    const text = await res.text();
    let body;
    try { body = JSON.parse(text); } catch { body = { raw: text.slice(0, 200) }; }
    return { name, status: res.status, code: body.error?.code, result: body.result, body };
  };
  const logged = await call("login", { username: user, password: `${user}-pw` });
  if (logged.status !== 200) throw new Error(`${user} could not log in: ${logged.status} ${JSON.stringify(logged.body)}`);
  return { call };
}

const outcome = (r) => `${r.name} ${r.status}${r.code ? " " + r.code : ""}`;
const tally = (rs) => Object.entries(rs.reduce((n, r) => ({ ...n, [outcome(r)]: (n[outcome(r)] ?? 0) + 1 }), {})).sort().map(([k, v]) => `${v}× ${k}`).join(", ");

/** Runs both races on board 1, alice on urlA, bob on urlB; counts failed checks through e2e-support's check. */
export async function races(urlA, urlB, pairs = 30) {
  const stamp = Date.now().toString(36);
  const [alice, bob] = [await login(urlA, "alice"), await login(urlB, "bob")];
  const board = async () => (await fetch(urlA + "mizan/ctx/board?boardId=1", { cache: "no-store" })).json();
  const [from, to] = (await board()).columns;
  const add = async (title) => {
    const r = await alice.call("addCard", { boardId: 1, columnId: from.id, title });
    if (r.status !== 200) throw new Error(`${outcome(r)}: ${JSON.stringify(r.body)}`);
    return r.result.id;
  };

  // rename (alice, the owner) and move (bob) of the same card, every pair at once
  const ids = [];
  for (let i = 0; i < pairs; i++) ids.push(await add(`Race ${stamp} ${i}`));
  const sent = ids.flatMap((cardId, i) => [
    alice.call("renameCard", { boardId: 1, cardId, title: `Renamed ${stamp} ${i}` }),
    bob.call("moveCard", { boardId: 1, cardId, columnId: to.id }),
  ]);
  const answers = await Promise.all(sent);
  check(answers.every((r) => r.status === 200), `${pairs} renames racing ${pairs} moves of the same cards all succeed (${tally(answers)})`);
  const after = await board();
  const where = new Map(after.columns.flatMap((c) => c.cards.map((k) => [k.id, { column: c.id, title: k.title }])));
  const lostTitle = ids.filter((id, i) => where.get(id)?.title !== `Renamed ${stamp} ${i}`).length;
  const lostMove = ids.filter((id) => where.get(id)?.column !== to.id).length;
  check(lostTitle === 0 && lostMove === 0,
    `every raced card has both its new title and its new column (${lostTitle} of ${pairs} lost the rename, ${lostMove} lost the move)`);

  // rename racing two deletes of the same card (alice in two tabs): the losers answer 404 not_found
  const doomed = [];
  for (let i = 0; i < pairs; i++) doomed.push(await add(`Doomed ${stamp} ${i}`));
  const fates = await Promise.all(doomed.map((cardId, i) => Promise.all([
    alice.call("renameCard", { boardId: 1, cardId, title: `Too late ${stamp} ${i}` }),
    alice.call("deleteCard", { boardId: 1, cardId }),
    alice.call("deleteCard", { boardId: 1, cardId }),
  ])));
  const all = fates.flat();
  const clean = (r) => r.status === 200 || (r.status === 404 && r.code === "not_found");
  check(all.every(clean), `a rename racing two deletes answers 200 or 404 not_found, as JSON (${tally(all)})`);
  check(fates.every(([, d1, d2]) => [d1, d2].filter((d) => d.status === 200).length === 1), "exactly one of the two deletes of each card succeeds");
  const left = new Set((await board()).columns.flatMap((c) => c.cards.map((k) => k.id)));
  check(doomed.every((id) => !left.has(id)), "every deleted card is gone from the board");

  // leave the board as it was (the next run, on PostgreSQL, finds it so)
  for (const cardId of ids) await alice.call("deleteCard", { boardId: 1, cardId });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [urlA, urlB = urlA, pairs = "30"] = process.argv.slice(2);
  await races(urlA, urlB, Number(pairs));
  process.exit(failures === 0 ? 0 : 1);
}
