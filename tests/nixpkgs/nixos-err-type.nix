# NixOS configuration with a definition of the wrong type (tests/test_nixpkgs_eval.py)
{ ... }: { networking.hostName = 5; fileSystems."/".device = "/dev/sda1"; boot.loader.grub.enable = false; system.stateVersion = "24.11"; }
