/**
 * What a module puts at the disposal of every request (its resolvers, subscriptions and field resolvers) beyond
 * the core context: the live KPI reader, the event stream of the hub… A module declares a typed key next to what it
 * provides; the composition (src/app) registers the value once per app; resolvers read it from the request
 * context. `core/` stays ignorant of every module, and no resolver reaches for a global.
 */
export class ServiceKey<T> {
  /** Carries `T` for the type checker only. */
  declare readonly type: T;

  constructor(readonly name: string) {}
}

export class Services {
  private readonly values = new Map<ServiceKey<unknown>, unknown>();

  set<T>(key: ServiceKey<T>, value: T): this {
    this.values.set(key, value);
    return this;
  }

  get<T>(key: ServiceKey<T>): T {
    if (!this.values.has(key)) throw new Error(`service ${key.name} is not registered in this app`);
    return this.values.get(key) as T;
  }
}
