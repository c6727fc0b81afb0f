/** A tiny inventory, to try ghost text on TypeScript. */
export interface Item {
  name: string;
  price: number;
  quantity: number;
}

export function totalValue(items: Item[]): number {
  // TODO: sum price * quantity over all items
  
}

export function mostValuable(items: Item[]): Item | undefined {
  
}
