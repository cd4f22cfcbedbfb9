//! The `corroborate` command-line tool. (Stub: to be completed.)

fn main() {
    println!("corroborate");
}
