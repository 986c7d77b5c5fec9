// The header-check TUs only need to compile; this gives them a program to link into.
int main() { return 0; }
