/** The runs picked for the compare view (by run id); the sweep table's checkboxes write here. */
class PickedRuns {
  ids = $state<string[]>([]);
  toggle(id: string): void {
    this.ids = this.ids.includes(id) ? this.ids.filter((x) => x !== id) : [...this.ids, id];
  }
  set(ids: string[]): void {
    this.ids = [...ids];
  }
}

export const picked = new PickedRuns();
