// The board page: the board list, one board's columns and cards, and the caller's own cards.
// Reads and calls come only from the hooks @mizan/codegen generated (./generated/mizan.react.ts,
// written at build time from the schema); a call's "$refresh" brings the changed board back in the
// same request, and other users' changes arrive over /mizan/events (client.jsx).
import { useEffect, useState } from "react";
import {
  useAddCard, useBoard, useBoards, useDeleteCard, useExportBoard, useLogin, useLogout, useMe, useMoveCard, useMyCards, useRenameCard,
} from "./generated/mizan.react.ts";

const fieldErrors = (m) => m.error?.fields ?? {};
const message = (m) => (m.error && !Object.keys(fieldErrors(m)).length ? m.error.message : null);
// a call's error on the page; calls use mutate (which never rejects) or catch mutateAsync's rejection
const Alert = ({ children }) => (children ? <p className="error" role="alert">{children}</p> : null);

function Field({ id, label, errors, ...input }) {
  const error = errors?.[0];
  return (
    <label className={error ? "field invalid" : "field"}>
      <span>{label}</span>
      <input id={id} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {error && <small id={`${id}-error`} className="error">{error}</small>}
    </label>
  );
}

function Login({ onUser }) {
  const login = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const errors = fieldErrors(login);
  const submit = async (e) => {
    e.preventDefault();
    try {
      onUser(await login.mutateAsync({ username, password }));
    } catch { /* shown from login.error */ }
  };
  return (
    <form className="login" onSubmit={submit} noValidate>
      <Field id="username" label="User" placeholder="User" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" errors={errors.username} />
      <Field id="password" label="Password" placeholder="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" errors={errors.password} />
      <button id="login" type="submit" disabled={login.isPending}>Log in</button>
    </form>
  );
}

function Header({ user, onUser }) {
  // logged out only when the server says so: a failed logout leaves the page as it is, with the error
  const logout = useLogout({ onSuccess: () => onUser(null) });
  return (
    <header className="top">
      <a className="brand" href="./">▦ Mizan board</a>
      {user ? (
        <div className="who">
          <span id="user">Signed in as <b>{user}</b></span>
          <button id="logout" className="secondary" disabled={logout.isPending} onClick={() => logout.mutate({})}>Log out</button>
          <Alert>{message(logout)}</Alert>
        </div>
      ) : (
        <Login onUser={onUser} />
      )}
    </header>
  );
}

function AddCard({ boardId, columns }) {
  const add = useAddCard();
  const [title, setTitle] = useState("");
  const [columnId, setColumnId] = useState(columns[0]?.id);
  const errors = fieldErrors(add);
  const submit = async (e) => {
    e.preventDefault();
    try {
      await add.mutateAsync({ boardId, columnId: Number(columnId), title });
      setTitle("");
      add.reset();
    } catch { /* shown from add.error */ }
  };
  return (
    <form id="add-card" className="add" onSubmit={submit} noValidate>
      <Field id="title" label="New card" value={title} placeholder="What needs doing?" maxLength={120} onChange={(e) => setTitle(e.target.value)} errors={errors.title} />
      <label className="field">
        <span>Column</span>
        <select id="column" value={columnId} onChange={(e) => setColumnId(e.target.value)}>
          {columns.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <button id="add" type="submit" disabled={add.isPending}>Add card</button>
      <Alert>{message(add)}</Alert>
    </form>
  );
}

function CardItem({ boardId, card, columns, columnId, user }) {
  const move = useMoveCard();
  const rename = useRenameCard();
  const remove = useDeleteCard();
  const [editing, setEditing] = useState(null);
  const errors = fieldErrors(rename);
  const save = async (e) => {
    e.preventDefault();
    try {
      await rename.mutateAsync({ boardId, cardId: card.id, title: editing });
      setEditing(null);
    } catch { /* shown below */ }
  };
  return (
    <li className="card" data-card={card.id}>
      {editing === null ? (
        <p className="title">{card.title}</p>
      ) : (
        <form onSubmit={save} noValidate className="rename">
          <Field id={`rename-${card.id}`} label="Title" value={editing} onChange={(e) => setEditing(e.target.value)} errors={errors.title} autoFocus />
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={() => { setEditing(null); rename.reset(); }}>Cancel</button>
        </form>
      )}
      <div className="meta">
        <span className="owner">{card.owner}</span>
        {user && editing === null && (
          <span className="actions">
            <select aria-label="Move to" className="move" value={columnId}
              onChange={(e) => move.mutate({ boardId, cardId: card.id, columnId: Number(e.target.value) })}>
              {columns.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
            {/* the server refuses the others' cards (403): only their owner renames or deletes them */}
            {card.owner === user && <button className="link" onClick={() => setEditing(card.title)}>Rename</button>}
            {card.owner === user && <button className="link danger" onClick={() => remove.mutate({ boardId, cardId: card.id })}>Delete</button>}
          </span>
        )}
      </div>
      {/* a 404 when another browser deleted or moved the card first */}
      <Alert>{message(move) ?? message(remove)}</Alert>
    </li>
  );
}

function MyCards() {
  const mine = useMyCards();
  const cards = mine.data ?? [];
  return (
    <section id="my-cards" className="panel">
      <h2>My cards <span className="count">{cards.length}</span></h2>
      {cards.length === 0 ? <p className="muted">Cards you add show up here.</p> : (
        <ul>{cards.map((c) => <li key={c.id}><a href={`?board=${c.boardId}`}>{c.title}</a> <span className="muted">· {c.board} › {c.column}</span></li>)}</ul>
      )}
    </section>
  );
}

function Export({ boardId }) {
  const exp = useExportBoard();
  // the call can succeed and its body still fail (the connection drops mid-download); exp has no
  // error then, so the body's is kept here
  const [bodyError, setBodyError] = useState(null);
  const download = async () => {
    setBodyError(null);
    let response;
    try {
      // a function that returns a JAX-RS Response answers with the raw fetch Response (undefined
      // after a redirect, which the client follows)
      response = await exp.mutateAsync({ boardId });
    } catch {
      return; // shown from exp.error
    }
    if (!response) return;
    try {
      const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: `board-${boardId}.csv` });
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      setBodyError(`The download failed: ${e.message}`);
    }
  };
  return (
    <span className="export">
      <button id="export" className="secondary" onClick={download} disabled={exp.isPending}>Export CSV</button>
      <Alert>{message(exp) ?? bodyError}</Alert>
    </span>
  );
}

export function BoardPage({ boardId, missing = false }) {
  // who is signed in: this tab's login or logout sets it at once; `me` follows a login or logout in
  // another tab (the kernel reads every USER context again then), and came with the page
  const me = useMe();
  const [user, setUser] = useState(me.data?.user ?? null);
  useEffect(() => {
    if (me.data) setUser(me.data.user ?? null);
  }, [me.data]);
  const boards = useBoards();
  const board = useBoard({ boardId }, { enabled: !missing }); // the server found no such board: nothing to read
  const b = board.data;
  return (
    <div className="shell">
      <Header user={user} onUser={setUser} />
      <nav className="boards">
        {(boards.data ?? []).map((x) => (
          <a key={x.id} href={`?board=${x.id}`} className={x.id === boardId ? "current" : ""}>{x.name} <span className="count">{x.cards}</span></a>
        ))}
      </nav>
      {b ? (
        <main>
          <div className="board-head">
            <h1>{b.name}</h1>
            <Export boardId={boardId} />
          </div>
          {user ? <AddCard boardId={boardId} columns={b.columns} /> : <p className="muted hint">Log in as alice / alice-pw or bob / bob-pw to add and move cards.</p>}
          <div className="columns">
            {b.columns.map((col) => (
              <section key={col.id} className="column" data-column={col.id}>
                <h2>{col.name} <span className="count">{col.cards.length}</span></h2>
                <ul>{col.cards.map((card) => <CardItem key={card.id} boardId={boardId} card={card} columns={b.columns} columnId={col.id} user={user} />)}</ul>
              </section>
            ))}
          </div>
          {user && <MyCards />}
        </main>
      ) : (
        <main><p className="error">{missing ? `No board ${boardId}.` : board.error ? board.error.message : "Loading…"}</p></main>
      )}
    </div>
  );
}
