/**
 * What a server-API route decided. `transport` asks the server layer to misbehave the way the
 * unknown-outcome test cards do (see testCards.ts).
 */
export interface RouteResult {
  body: string;
  transport?: 'hang' | 'slow' | 'drop';
}

export const answer = (body: string): RouteResult => ({ body });
