from claude_doctor.cli import main

main()
