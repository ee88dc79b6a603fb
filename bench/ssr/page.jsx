// The benchmark page: a product list. 100 items make about 80 KB of HTML, 12 items about 10 KB.
export function ProductList({ title, items }) {
  return (
    <main>
      <h1>{title}</h1>
      <ul className="products">
        {items.map((item) => (
          <li key={item.id} className="product" data-id={item.id}>
            <h2>{item.name}</h2>
            <p className="description">{item.description}</p>
            <ul className="tags">{item.tags.map((t) => <li key={t}>{t}</li>)}</ul>
            <span className="price">{item.price.toFixed(2)} {item.currency}</span>
            <a href={`/products/${item.id}`}>Details of {item.name}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
